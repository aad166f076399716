import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CreateStaffUserDto, UpdateStaffUserDto } from './dto/create-staff-user.dto';
import { StaffService } from './staff.service';
import type { StaffUserView } from './staff.repository';

@ApiTags('staff')
@ApiBearerAuth('bearer')
@Controller('v1/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @RequirePermission('staff.manage')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The staff user (without password)' })
  create(@Body() dto: CreateStaffUserDto, @CurrentActor() actor: Actor): Promise<StaffUserView> {
    return this.staff.create(dto, actor.id);
  }

  @Patch(':staffId')
  @RequirePermission('staff.manage')
  @ApiOkResponse({ description: 'The staff user' })
  update(@Param('staffId') staffId: string, @Body() dto: UpdateStaffUserDto, @CurrentActor() actor: Actor): Promise<StaffUserView> {
    return this.staff.setActive(staffId, dto.active, actor.id);
  }

  @Get()
  @RequirePermission('staff.manage')
  @ApiOkResponse({ description: 'Staff users' })
  async list(): Promise<{ items: StaffUserView[] }> {
    return { items: await this.staff.list() };
  }
}
