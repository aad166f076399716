// Runs before every test file: decorators need reflect-metadata; time is UTC everywhere.
import 'reflect-metadata';
process.env.TZ = 'UTC';
