import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import {
  CreatedEndpointResponse,
  CreateEndpointDto,
  EndpointIdParam,
  EndpointListResponse,
  EndpointResponse,
  ListWebhookDeliveriesQuery,
  ReplayDto,
  ReplayResponse,
  UpdateEndpointDto,
  WebhookDeliveryPage,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('v1/webhooks/endpoints')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @RequirePermission('webhooks.manage')
  @ApiOperation({ summary: 'Register an endpoint for event types; the signing secret is in this answer only' })
  @ApiCreatedResponse({ type: CreatedEndpointResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateEndpointDto): Promise<CreatedEndpointResponse> {
    return this.webhooks.create(body, actor);
  }

  @Get()
  @RequirePermission('webhooks.read')
  @ApiOperation({ summary: 'Registered endpoints with their state (active, paused and why)' })
  @ApiOkResponse({ type: EndpointListResponse })
  async list(): Promise<EndpointListResponse> {
    return { items: await this.webhooks.list() };
  }

  @Get(':endpointId')
  @RequirePermission('webhooks.read')
  @ApiOperation({ summary: 'One endpoint' })
  @ApiOkResponse({ type: EndpointResponse })
  get(@Param() params: EndpointIdParam): Promise<EndpointResponse> {
    return this.webhooks.get(params.endpointId);
  }

  @Patch(':endpointId')
  @RequirePermission('webhooks.manage')
  @ApiOperation({ summary: 'Pause or resume an endpoint, change its URL or event types' })
  @ApiOkResponse({ type: EndpointResponse })
  update(@Param() params: EndpointIdParam, @Body() body: UpdateEndpointDto): Promise<EndpointResponse> {
    return this.webhooks.update(params.endpointId, body);
  }

  @Post(':endpointId/replay')
  @RequirePermission('webhooks.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume the endpoint and send again every event since a point in time' })
  @ApiOkResponse({ type: ReplayResponse })
  replay(@Param() params: EndpointIdParam, @Body() body: ReplayDto): Promise<ReplayResponse> {
    return this.webhooks.replay(params.endpointId, body.from);
  }

  @Get(':endpointId/deliveries')
  @RequirePermission('webhooks.read')
  @ApiOperation({ summary: 'Delivery log of an endpoint, newest first: each attempt with the answer status and its first characters' })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  async deliveries(@Param() params: EndpointIdParam, @Query() query: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryPage> {
    return { items: await this.webhooks.deliveries(params.endpointId, query.status, query.limit ?? 50) };
  }
}
