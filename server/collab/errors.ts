/** A message that does not follow the protocol or breaks a limit of its shape: closes with 1007. */
export class MalformedMessage extends Error {}
