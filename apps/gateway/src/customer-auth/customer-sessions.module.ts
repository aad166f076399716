import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CUSTOMER_SESSION_MODEL, CustomerSessionSchema, OTP_CHALLENGE_MODEL, OtpChallengeSchema } from './customer-auth.schema';
import { CustomerSessionsRepository } from './customer-sessions.repository';

/** Storage of sign-in challenges and customer sessions (read by authentication on each request). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: OTP_CHALLENGE_MODEL, schema: OtpChallengeSchema },
      { name: CUSTOMER_SESSION_MODEL, schema: CustomerSessionSchema },
    ]),
  ],
  providers: [CustomerSessionsRepository],
  exports: [CustomerSessionsRepository],
})
export class CustomerSessionsModule {}
