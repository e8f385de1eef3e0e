/** The socket.io room of one curation set's board: item changes, set edits and presence. */
export const curationRoom = (setId: string) => `curation:${setId}`;
