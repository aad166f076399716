import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import { confirmPage, donePage } from './unsubscribe-page';
import { UnsubscribeService } from './unsubscribe.service';

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token of the link in the email' }) @IsString() @MaxLength(600) token!: string;
}

/**
 * The link in every marketing email. GET shows a confirmation page (mail scanners that open
 * links withdraw nothing); POST withdraws: the page's button, or a mail client's one-click
 * unsubscribe (RFC 8058 `List-Unsubscribe-Post`). No login: the signed token is the authority.
 */
@ApiTags('messaging')
@Controller('v1/messaging/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get()
  @RequirePermission('messaging.unsubscribe')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'Unsubscribe link: a confirmation page (zh-CN and English); 400 UNSUBSCRIBE.INVALID_LINK for a forged link' })
  @ApiOkResponse({ description: 'HTML page' })
  async confirm(@Query() query: UnsubscribeQuery): Promise<string> {
    await this.unsubscribe.check(query.token);
    return confirmPage(query.token);
  }

  @Post()
  @RequirePermission('messaging.unsubscribe')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'One-click unsubscribe: withdraws marketing consent in the members service; repeating it is harmless' })
  @ApiOkResponse({ description: 'HTML page' })
  async withdraw(@Query() query: UnsubscribeQuery): Promise<string> {
    await this.unsubscribe.unsubscribe(query.token);
    return donePage();
  }
}
