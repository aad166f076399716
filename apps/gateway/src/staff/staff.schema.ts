import { Schema } from 'mongoose';
import type { Role } from '@app/common';

export const STAFF_ROLES = ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A staff user of the back office. The password is stored only as an scrypt hash. */
export interface StaffUser {
  _id: string;
  /** Lower-cased; unique. Personal data: never logged. */
  email: string;
  displayName: string;
  passwordHash: string;
  role: StaffRole;
  storeIds: string[];
  active: boolean;
  createdAt: Date;
  createdBy: string;
}

export const STAFF_USER_MODEL = 'StaffUser';
export const StaffUserSchema = new Schema<StaffUser>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true, select: false },
    role: { type: String, required: true, enum: STAFF_ROLES },
    storeIds: { type: [String], default: [] },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { collection: 'staff_users', versionKey: false },
);
