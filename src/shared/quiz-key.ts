// The answer key of a quiz, as the build embeds it in the page (src/lib/course/quiz.ts checks the
// quiz and writes it) and the quiz script reads it back (src/client/course/quiz.ts).

/** What the quiz script needs to grade a question: the right choice and each choice's text. */
export interface QuizKey {
	correct: number;
	choices: { text: string; explanation: string }[];
}
