import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { StaffService } from '../staff/staff.service';
import { AuthService } from './auth.service';
import { SignInDto } from './dto/sign-in.dto';
import type { IssuedToken } from './token.service';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly staff: StaffService,
    private readonly auth: AuthService,
  ) {}

  @Post('token')
  @RequirePermission('auth.sign-in')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A bearer token for the staff user' })
  @ApiUnauthorizedResponse({ description: 'AUTH.INVALID_CREDENTIALS' })
  async token(@Body() dto: SignInDto): Promise<IssuedToken & { actor: Actor }> {
    return this.auth.issueStaffToken(await this.staff.verifyCredentials(dto.email, dto.password));
  }

  @Get('me')
  @RequirePermission('auth.me')
  @ApiBearerAuth('bearer')
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
