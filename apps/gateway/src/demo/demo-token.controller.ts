import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import type { Actor } from '@app/common';
import { DemoCustomerTokenDto } from '../auth/dto/sign-in.dto';
import type { IssuedToken } from '../auth/token.service';
import { DemoTokenService } from './demo-token.service';

@ApiTags('auth')
@Controller('v1/auth/customer/demo-token')
export class DemoTokenController {
  constructor(private readonly demo: DemoTokenService) {}

  @Post()
  @RequirePermission('auth.demo-token')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A customer token for an existing member (local demo only; production uses a one-time code)' })
  @ApiNotFoundResponse({ description: 'AUTH.UNKNOWN_MEMBER: no active member has this id; REQUEST.NOT_FOUND: demo tokens are disabled' })
  issue(@Body() dto: DemoCustomerTokenDto): Promise<IssuedToken & { actor: Actor }> {
    return this.demo.issue(dto.memberId);
  }
}
