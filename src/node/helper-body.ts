// The helper's text, inlined at build time: what runs as root is part of the signed app (asar integrity) or of
// the built CLI, never a file the user could rewrite between the confirmation and the password prompt.
// resources/bridgelight-helper stays shipped beside the app so people can read it.
import body from '../../resources/bridgelight-helper?raw';

export const HELPER_BODY: string = body;
