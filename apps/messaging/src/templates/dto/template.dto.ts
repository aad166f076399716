import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOCALES, MESSAGE_KINDS, TEMPLATE_VARIABLES, type Locale, type MessageKind, type TemplateVariable } from '../message-kinds';

export class TemplateParams {
  @ApiProperty({ enum: MESSAGE_KINDS }) @IsIn(MESSAGE_KINDS) kind!: MessageKind;
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) locale!: Locale;
}

export class SaveTemplateDto {
  @ApiProperty({ example: '{{name}}，欢迎加入' }) @IsString() @IsNotEmpty() @MaxLength(200) subject!: string;
  @ApiProperty({ example: '{{name}}，您好！欢迎成为{{tier}}会员。' }) @IsString() @IsNotEmpty() @MaxLength(20_000) text!: string;
  @ApiPropertyOptional({ description: 'HTML body; values are escaped in it' }) @IsOptional() @IsString() @MaxLength(100_000) html?: string;
}

export class PreviewTemplateDto {
  @ApiProperty({ enum: MESSAGE_KINDS }) @IsIn(MESSAGE_KINDS) kind!: MessageKind;
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) locale!: Locale;
  @ApiPropertyOptional({ description: 'A draft subject (default: the saved or built-in template)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(20_000) text?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100_000) html?: string;
  @ApiPropertyOptional({
    description: `Values to fill in (default: samples); keys among ${TEMPLATE_VARIABLES.join(', ')}`,
    example: { name: '李雷', tier: 'gold' },
  })
  @IsOptional()
  @IsObject()
  values?: Partial<Record<TemplateVariable, string>>;
}

export class TemplateResponse {
  @ApiProperty({ enum: MESSAGE_KINDS }) kind!: MessageKind;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ nullable: true, type: String }) html!: string | null;
  @ApiProperty({ description: 'built-in default or saved' }) source!: 'default' | 'saved';
  @ApiProperty({ description: '0 for a built-in default' }) version!: number;
  @ApiProperty({ type: [String], description: 'Variables this kind supplies' }) variables!: string[];
  @ApiProperty({ description: 'Marketing kinds need consent and carry an unsubscribe link' }) marketing!: boolean;
}

export class TemplateListResponse {
  @ApiProperty({ type: [TemplateResponse] }) items!: TemplateResponse[];
}

export class PreviewResponse {
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ nullable: true, type: String }) html!: string | null;
}
