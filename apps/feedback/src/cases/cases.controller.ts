import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CaseIntakeService } from './case-intake.service';
import { CaseQueryService } from './case-query.service';
import { CaseResolutionService } from './case-resolution.service';
import { CaseWorkflowService } from './case-workflow.service';
import { CaseList, CaseView } from './case-view';
import { ContactErasureService } from './contact-erasure.service';
import { AnswerDto, AssignDto, CaseViewQuery, NoteDto, OpenCaseDto, QueueQuery, ResolveDto, TransitionDto } from './dto/case.dto';

@ApiTags('feedback cases')
@Controller('v1/feedback/cases')
export class CasesController {
  constructor(
    private readonly intake: CaseIntakeService,
    private readonly workflow: CaseWorkflowService,
    private readonly resolution: CaseResolutionService,
    private readonly query: CaseQueryService,
    private readonly erasure: ContactErasureService,
  ) {}

  @Post()
  @RequirePermission('feedback.cases.open')
  @ApiOperation({ summary: 'Open a case from any channel for a member (memberId) or a non-member (contact, stored encrypted)' })
  @ApiCreatedResponse({ type: CaseView })
  async open(@CurrentActor() actor: Actor, @Body() body: OpenCaseDto): Promise<CaseView> {
    const c = await this.intake.open({
      ...body,
      storeId: body.storeId ?? null,
      purchaseId: body.purchaseId ?? null,
      memberId: body.memberId ?? null,
      contact: body.contact ?? null,
      attachments: body.attachments ?? [],
      actor,
    });
    return this.query.viewFor(c, actor);
  }

  @Get()
  @RequirePermission('feedback.cases.read')
  @ApiOperation({
    summary: 'Queues: queue=mine|team|all, due soonest first (sort=due) or newest, breached=true, filters by store, category, severity, status, kind',
  })
  @ApiOkResponse({ type: CaseList })
  async queue(@CurrentActor() actor: Actor, @Query() q: QueueQuery): Promise<CaseList> {
    return { items: await this.query.queue(actor, q) };
  }

  @Get(':caseId')
  @RequirePermission('feedback.cases.read')
  @ApiOperation({ summary: 'A case: history, escalations, every deadline (due, paused, met, breached); contact masked unless view=full' })
  @ApiOkResponse({ type: CaseView })
  async get(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Query() q: CaseViewQuery): Promise<CaseView> {
    return this.query.get(caseId, actor, q.view ?? 'masked');
  }

  @Post(':caseId/transitions')
  @HttpCode(200)
  @RequirePermission('feedback.cases.handle')
  @ApiOperation({ summary: 'Move the case (409 FEEDBACK.ILLEGAL_TRANSITION when the flow does not allow it); awaiting_customer pauses the deadlines' })
  @ApiOkResponse({ type: CaseView })
  async transition(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: TransitionDto): Promise<CaseView> {
    await this.query.assertMayAct(caseId, actor);
    return this.query.viewFor(await this.workflow.transition(caseId, body.to, body.note ?? null, actor), actor);
  }

  @Post(':caseId/answers')
  @HttpCode(200)
  @RequirePermission('feedback.cases.handle')
  @ApiOperation({ summary: 'Record the answer given to the customer (a note, or an FAQ article): the answer deadline is met' })
  @ApiOkResponse({ type: CaseView })
  async answer(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: AnswerDto): Promise<CaseView> {
    await this.query.assertMayAct(caseId, actor);
    return this.query.viewFor(await this.workflow.answer(caseId, body, actor), actor);
  }

  @Post(':caseId/assignment')
  @HttpCode(200)
  @RequirePermission('feedback.cases.handle')
  @ApiOperation({ summary: 'Assign to an agent and/or a team' })
  @ApiOkResponse({ type: CaseView })
  async assign(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: AssignDto): Promise<CaseView> {
    await this.query.assertMayAct(caseId, actor);
    return this.query.viewFor(await this.workflow.assign(caseId, body.assignee ?? null, body.team ?? null, body.note ?? null, actor), actor);
  }

  @Post(':caseId/escalations')
  @HttpCode(200)
  @RequirePermission('feedback.cases.handle')
  @ApiOperation({ summary: 'Escalate one level to the leadership group (a level with its own history, not a status)' })
  @ApiOkResponse({ type: CaseView })
  async escalate(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: NoteDto): Promise<CaseView> {
    await this.query.assertMayAct(caseId, actor);
    return this.query.viewFor(await this.workflow.escalate(caseId, body.note ?? null, actor), actor);
  }

  @Post(':caseId/resolution')
  @HttpCode(200)
  @RequirePermission('feedback.cases.handle')
  @ApiOperation({
    summary: 'Resolve with outcomes; compensation points (above the limits after approval) and a coupon go to the points service once; a survey is sent',
  })
  @ApiOkResponse({ type: CaseView })
  async resolve(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: ResolveDto): Promise<CaseView> {
    await this.query.assertMayAct(caseId, actor);
    const c = await this.resolution.resolve(
      caseId,
      {
        outcomes: body.outcomes,
        note: body.note ?? null,
        compensationPoints: body.compensationPoints ?? null,
        couponRewardId: body.compensationCouponRewardId ?? null,
      },
      actor,
    );
    return this.query.viewFor(c, actor);
  }

  @Post(':caseId/reopen')
  @HttpCode(200)
  @RequirePermission('feedback.cases.handle')
  @ApiOperation({ summary: 'Reopen within FEEDBACK_REOPEN_WINDOW_DAYS of the resolution (409 FEEDBACK.REOPEN_WINDOW_CLOSED after)' })
  @ApiOkResponse({ type: CaseView })
  async reopen(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: NoteDto): Promise<CaseView> {
    await this.query.assertMayAct(caseId, actor);
    return this.query.viewFor(await this.workflow.reopen(caseId, body.note ?? null, actor), actor);
  }

  @Post(':caseId/compensation/approval')
  @HttpCode(200)
  @RequirePermission('feedback.compensation.approve')
  @ApiOperation({ summary: 'Approve compensation above the agent limits: granted once' })
  @ApiOkResponse({ type: CaseView })
  async approve(@CurrentActor() actor: Actor, @Param('caseId') caseId: string): Promise<CaseView> {
    return this.query.viewFor(await this.resolution.approveCompensation(caseId, actor), actor);
  }

  @Delete(':caseId/contact')
  @RequirePermission('feedback.contact.erase')
  @ApiOperation({ summary: "Erase a case's personal data (contact, description, notes) on the person's request; the case stays for the statistics" })
  @ApiOkResponse({ type: CaseView })
  async eraseContact(@CurrentActor() actor: Actor, @Param('caseId') caseId: string): Promise<CaseView> {
    return this.query.viewFor(await this.erasure.eraseCase(caseId, actor), actor);
  }
}
