// The one public entry of @app/access: the permission catalogue and its enforcement.
export * from './access.errors';
export * from './scope';
export * from './permissions';
export * from './authorize';
export * from './require-permission.decorator';
export * from './permission.guard';
