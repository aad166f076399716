import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import { CampaignDeliverySummary, CampaignIdParam, DeliveryIdParam, DeliveryPage, DeliveryResponse, ListDeliveriesQuery } from './dto/delivery.dto';
import { DeliveriesService } from './deliveries.service';

@ApiTags('messaging')
@Controller('v1/messaging')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get('deliveries')
  @RequirePermission('messaging.deliveries.read')
  @ApiOperation({ summary: 'Messages by member, campaign or status, with their delivery status (ids only)' })
  @ApiOkResponse({ type: DeliveryPage })
  list(@Query() query: ListDeliveriesQuery): Promise<DeliveryPage> {
    return this.deliveries.list(query);
  }

  @Get('deliveries/:deliveryId')
  @RequirePermission('messaging.deliveries.read')
  @ApiOperation({ summary: 'One message: status, reason, attempts and their history' })
  @ApiOkResponse({ type: DeliveryResponse })
  get(@Param() params: DeliveryIdParam): Promise<DeliveryResponse> {
    return this.deliveries.get(params.deliveryId);
  }

  @Get('campaigns/:campaignId/deliveries')
  @RequirePermission('messaging.deliveries.read')
  @ApiOperation({ summary: 'Delivery status of a campaign: messages per status and reason' })
  @ApiOkResponse({ type: CampaignDeliverySummary })
  campaign(@Param() params: CampaignIdParam): Promise<CampaignDeliverySummary> {
    return this.deliveries.campaignSummary(params.campaignId);
  }
}
