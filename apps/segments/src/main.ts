import 'reflect-metadata';
import { startService } from '@app/common';
import { segmentsService } from './segments.service-descriptor';

void startService(segmentsService);
