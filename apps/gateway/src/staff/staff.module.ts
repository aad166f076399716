import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { StoresModule } from '../stores/stores.module';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { STAFF_USER_MODEL, StaffUserSchema } from './staff.schema';
import { StaffService } from './staff.service';

/** Staff users of the back office (and the bootstrap admin). */
@Module({
  imports: [MongooseModule.forFeature([{ name: STAFF_USER_MODEL, schema: StaffUserSchema }]), StoresModule],
  controllers: [StaffController],
  providers: [StaffRepository, StaffService],
  exports: [StaffService],
})
export class StaffModule implements OnApplicationBootstrap {
  constructor(private readonly staff: StaffService) {}

  onApplicationBootstrap(): Promise<void> {
    return this.staff.ensureBootstrapAdmin();
  }
}
