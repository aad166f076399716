import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProxyModule } from '../proxy/proxy.module';
import { CustomerAuthController } from './customer-auth.controller';
import { CustomerSessionsModule } from './customer-sessions.module';
import { CustomerSignInService } from './customer-sign-in.service';

/** Customer sign-in by one-time code, sessions with rotating refresh tokens, sign-out. */
@Module({ imports: [AuthModule, ProxyModule, CustomerSessionsModule], controllers: [CustomerAuthController], providers: [CustomerSignInService] })
export class CustomerAuthModule {}
