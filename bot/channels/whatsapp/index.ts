/** The WhatsApp Cloud API channel: adapter, webhook routes, and the pieces they are made of. */
export * from './choicePages';
export * from './formatting';
export * from './graphClient';
export * from './inbound';
export * from './keyedQueue';
export * from './limits';
export * from './outbound';
export * from './pendingWork';
export * from './processedMessages';
export * from './rawBody';
export * from './routes';
export * from './signature';
export * from './webhookReceiver';
export * from './whatsAppAdapter';
