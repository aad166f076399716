import 'reflect-metadata';
import { startService } from '@app/common';
import { membersService } from './members.service-descriptor';

void startService(membersService);
