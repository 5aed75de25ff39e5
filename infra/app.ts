// CDK entry point (cdk.json: `node infra/app.ts`). Usage: `npm run synth`, `npm run deploy -- -c stage=prod`.
import { createPosPortalApp } from './pos-portal-app.ts';

createPosPortalApp();
