/** The referral directory: domain, validation, files, Cosmos repository and the bot's read API. No botbuilder here. */
export * from './auditLog';
export * from './distance';
export * from './importPlan';
export * from './phoneNumbers';
export * from './referral';
export * from './referralDirectory';
export * from './referralDocument';
export * from './referralErrors';
export * from './referralFields';
export * from './referralFile';
export * from './referralQuery';
export * from './referralRecord';
export * from './referralRepository';
export * from './referralValidation';
export * from './seedNationalLines';
export * from './serviceKinds';
