// One file per feature, so each feature's tables sit beside each other and drizzle-kit
// reads them all through this index.
export * from './offices';
export * from './accounts';
export * from './applications';
export * from './documents';
export * from './booking';
export * from './payments';
export * from './office-floor';
export * from './notifications';
export * from './staff-invites';
