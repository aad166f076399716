import 'reflect-metadata';
import { startService } from '@app/common';
import { pointsService } from './points.service-descriptor';

void startService(pointsService);
