import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateStoreDto {
  @ApiProperty({ example: 'store-001', pattern: '^[A-Za-z0-9_-]{1,64}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  storeId!: string;

  @ApiProperty({ example: 'Shanghai Nanjing Road' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

export class IssueApiKeyDto {
  @ApiProperty({ example: 'Till 3', required: false })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label?: string;
}
