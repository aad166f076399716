import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CustomerSignInService } from './customer-sign-in.service';
import { CustomerSessionResponse, RefreshDto, RequestCodeDto, RequestCodeResponse, SignOutEverywhereResponse, VerifyCodeDto } from './dto/customer-auth.dto';

@ApiTags('auth')
@Controller('v1/auth/customer')
export class CustomerAuthController {
  constructor(private readonly signIn: CustomerSignInService) {}

  @Post('otp')
  @RequirePermission('auth.customer.otp')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask a one-time code by email or phone; the same answer whether or not the identifier belongs to a member' })
  @ApiAcceptedResponse({ type: RequestCodeResponse })
  requestCode(@Body() body: RequestCodeDto): Promise<RequestCodeResponse> {
    return this.signIn.requestCode(body);
  }

  @Post('otp/verify')
  @RequirePermission('auth.customer.otp')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade the code for a short-lived access token and a refresh token (401 AUTH.INVALID_CODE: wrong, used, expired or too many attempts)',
  })
  @ApiOkResponse({ type: CustomerSessionResponse })
  verify(@Body() body: VerifyCodeDto): Promise<CustomerSessionResponse> {
    return this.signIn.verifyCode(body.challengeId, body.code);
  }

  @Post('refresh')
  @RequirePermission('auth.customer.session')
  @HttpCode(200)
  @ApiOperation({ summary: 'New access and refresh tokens for a refresh token (single use: a reused one ends the session)' })
  @ApiOkResponse({ type: CustomerSessionResponse })
  refresh(@Body() body: RefreshDto): Promise<CustomerSessionResponse> {
    return this.signIn.refresh(body.refreshToken);
  }

  @Post('sign-out')
  @RequirePermission('auth.customer.session')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token: its access tokens stop working at once' })
  @ApiNoContentResponse()
  async signOut(@Body() body: RefreshDto): Promise<void> {
    await this.signIn.signOut(body.refreshToken);
  }

  @Post('sign-out-everywhere')
  @RequirePermission('auth.customer.sign-out-everywhere')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'End every session of the signed-in customer, on every device' })
  @ApiOkResponse({ type: SignOutEverywhereResponse })
  signOutEverywhere(@CurrentActor() actor: Actor): Promise<SignOutEverywhereResponse> {
    return this.signIn.signOutEverywhere(actor);
  }
}
