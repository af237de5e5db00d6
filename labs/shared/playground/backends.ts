// The companions of every balancer lab's playground: three backends, each answering JSON that
// names itself, so the learner sees the rotation in the answers.

/** The backends' names, in the order the program is told about them in BACKENDS. */
export const THREE_BACKENDS = ['backend 1', 'backend 2', 'backend 3'];
