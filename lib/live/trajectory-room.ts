/** The socket.io room of one trajectory: its viewers, presence and live edits. */
export const trajectoryRoom = (trajectoryId: string) => `trajectory:${trajectoryId}`;
