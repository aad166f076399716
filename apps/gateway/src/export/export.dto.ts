import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ExportQuery {
  @ApiPropertyOptional({ description: 'Why staff export the data (alternative to the x-access-reason header)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
