// The context keys the Get Started walkthrough's steps complete on (package.json
// `contributes.walkthroughs`, `completionEvents: onContext:…`): each is set by the real event,
// not by a click on the step's button.

/** A key is stored and GeekAI accepted it (`GET {baseUrl}/models` answered). */
export const HAS_KEY = 'geekaiImage.hasKey';
/** A generation saved at least one image. */
export const MADE_IMAGE = 'geekaiImage.madeImage';
/** A placeholder's image was made and its link replaced. */
export const MADE_PLACEHOLDER_IMAGE = 'geekaiImage.madePlaceholderImage';
