import { Module } from '@nestjs/common';
import { SmtpMailer } from './smtp.mailer';

/** The email channel: SMTP through nodemailer. */
@Module({ providers: [SmtpMailer], exports: [SmtpMailer] })
export class EmailModule {}
