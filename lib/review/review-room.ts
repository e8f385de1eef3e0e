/** The socket.io room of a project's review queues: claims, releases and state changes. */
export const reviewRoom = (projectId: string) => `review:${projectId}`;
