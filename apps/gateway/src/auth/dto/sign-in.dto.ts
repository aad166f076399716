import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'admin@example.com' })
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class DemoCustomerTokenDto {
  @ApiProperty({ example: 'mem_0001' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  memberId!: string;
}
