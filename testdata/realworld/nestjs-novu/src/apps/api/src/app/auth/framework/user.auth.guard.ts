import { UserAuthGuard } from '@novu/application-generic';

export { UserAuthGuard };
