import 'reflect-metadata';
import { startService } from '@app/common';
import { gatewayService } from './gateway.service-descriptor';

void startService(gatewayService);
