// Placeholder entry point so the CDK app can bundle it; replaced by the real handler.
export const handler = async (): Promise<void> => {
  throw new Error('not implemented yet');
};
