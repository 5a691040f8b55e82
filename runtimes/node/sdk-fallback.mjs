// A module resolve hook for Nimbus's Node.js runtime: a bare import the function's own code cannot
// resolve (`@aws-sdk/client-dynamodb` in a handler that bundles no SDK) is resolved from beside Nimbus,
// as Lambda's Node.js runtimes provide the SDK v3. https://nodejs.org/api/module.html#customization-hooks

const fallbackParent = new URL('../../package.json', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const bare = !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !bare) throw error;
    return nextResolve(specifier, { ...context, parentURL: fallbackParent });
  }
}
