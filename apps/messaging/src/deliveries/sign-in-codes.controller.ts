import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { InternalRoute } from '@app/access';
import type { DeliveryStatus } from './delivery.schema';
import { SendSignInCode } from './usecases/send-sign-in-code.usecase';

export class SignInCodeDto {
  @Matches(/^[A-Za-z0-9_-]{8,80}$/) requestId!: string;
  @Matches(/^[A-Za-z0-9_-]{1,64}$/) memberId!: string;
  @IsIn(['email', 'sms']) channel!: 'email' | 'sms';
  @Matches(/^\d{4,8}$/) code!: string;
  @IsInt() @Min(1) @Max(60) expiresInMinutes!: number;
}

/** The gateway's customer sign-in asks for a code to be sent (internal token; never routed). */
@ApiExcludeController()
@Controller('v1/internal/messages')
export class SignInCodesController {
  constructor(private readonly signInCode: SendSignInCode) {}

  @Post('sign-in-code')
  @InternalRoute()
  @HttpCode(200)
  send(@Body() body: SignInCodeDto): Promise<{ deliveryId: string; status: DeliveryStatus }> {
    return this.signInCode.execute(body);
  }
}
