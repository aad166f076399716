import { Module } from '@nestjs/common';
import { ComplaintTerms } from './complaint-terms';

/** Chinese and English term extraction (one jieba instance per process). */
@Module({ providers: [ComplaintTerms], exports: [ComplaintTerms] })
export class TextModule {}
