import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class RequestCodeDto {
  @ApiPropertyOptional({ example: 'li.lei@example.com' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '13800138000' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32) phone?: string;
}

export class RequestCodeResponse {
  @ApiProperty({ description: 'Quote it with the code' }) challengeId!: string;
  @ApiProperty() expiresIn!: number;
  @ApiProperty({ example: 'If this identifier belongs to a member, a code is on its way.' }) message!: string;
}

export class VerifyCodeDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{16,64}$/) challengeId!: string;
  @ApiProperty({ example: '482913' }) @IsString() @Matches(/^\d{6}$/, { message: 'code must be the 6 digits received' }) code!: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MaxLength(300) refreshToken!: string;
}

export class CustomerSessionResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty() expiresIn!: number;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ description: 'Single use: each refresh answers a new one; presenting an old one ends the session' }) refreshToken!: string;
  @ApiProperty() refreshExpiresAt!: string;
  @ApiProperty() memberId!: string;
}

export class SignOutEverywhereResponse {
  @ApiProperty({ description: 'Sessions ended' }) ended!: number;
}
