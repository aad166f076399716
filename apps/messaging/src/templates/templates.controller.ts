import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { PreviewResponse, PreviewTemplateDto, SaveTemplateDto, TemplateListResponse, TemplateParams, TemplateResponse } from './dto/template.dto';
import { TemplatesService } from './templates.service';

@ApiTags('messaging')
@Controller('v1/messaging/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @RequirePermission('messaging.templates.read')
  @ApiOperation({ summary: 'Every message kind in every locale: the template in force (saved or built-in) and the variables it may use' })
  @ApiOkResponse({ type: TemplateListResponse })
  async list(): Promise<TemplateListResponse> {
    return { items: await this.templates.list() };
  }

  @Post('preview')
  @RequirePermission('messaging.templates.read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render a draft or the template in force with sample or given values (marketing kinds with the unsubscribe footer)' })
  @ApiOkResponse({ type: PreviewResponse })
  preview(@Body() body: PreviewTemplateDto): Promise<PreviewResponse> {
    return this.templates.preview(body);
  }

  @Get(':kind/:locale')
  @RequirePermission('messaging.templates.read')
  @ApiOperation({ summary: 'The template in force for a kind and locale' })
  @ApiOkResponse({ type: TemplateResponse })
  get(@Param() params: TemplateParams): Promise<TemplateResponse> {
    return this.templates.get(params.kind, params.locale);
  }

  @Put(':kind/:locale')
  @RequirePermission('messaging.templates.write')
  @ApiOperation({
    summary: 'Save a template; a variable its kind does not supply is refused here (400 TEMPLATES.INVALID naming field and rule), never blank in an inbox',
  })
  @ApiOkResponse({ type: TemplateResponse })
  save(@CurrentActor() actor: Actor, @Param() params: TemplateParams, @Body() body: SaveTemplateDto): Promise<TemplateResponse> {
    return this.templates.save(params.kind, params.locale, body, actor);
  }
}
