import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { CustomerSessionsModule } from '../customer-auth/customer-sessions.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

/** Who is calling: API keys, staff and customer tokens. */
@Module({
  imports: [StaffModule, StoresModule, CustomerSessionsModule],
  controllers: [AuthController],
  providers: [TokenService, AuthService],
  exports: [AuthService, TokenService],
})
export class AuthModule {}
