// Successful chat answers: the default per model, and the 'image' and 'text' behaviours.
import type { Behaviour, ImageVia } from './behaviours';
import { defaultImageCount, isGeminiModel, newImages, type ChatContext } from './chatContext';
import { chatCompletion } from './completionJson';
import type { ServedImage } from './imageStore';
import { sendJson } from './io';
import { isVisionChatModel } from './serverModels';
import { describeImageText } from './visionAnswer';
import { DEFAULT_PROGRESS, sendStream, sendTextStream, streamedText } from './streamAnswer';

export const GEMINI_TEXT_ONLY =
  '我可以帮你描述这幅画面:一只小猫在阳光下的草丛里扑蝴蝶,毛色柔软,眼睛明亮。如果需要图片,请明确告诉我画出来。';

function sendMessage(ctx: ChatContext, message: Record<string, unknown>, cutAt?: number): void {
  const body = chatCompletion(ctx.chat.model, ctx.chat.prompt, message);
  if (cutAt === undefined) {
    sendJson(ctx.res, 200, body);
    return;
  }
  const text = Buffer.from(JSON.stringify(body));
  ctx.res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(text.length) });
  ctx.res.write(text.subarray(0, cutAt), () => ctx.res.destroy());
}

export function sendTextAnswer(ctx: ChatContext, text: string, stream: boolean): Promise<void> | void {
  ctx.store.setLast([]);
  if (stream) return sendTextStream(ctx, text);
  sendMessage(ctx, { content: text });
}

/** GeekAI's Gemini answer: image in message.image.url and in the content's markdown. */
function sendGeminiAnswer(ctx: ChatContext): void {
  const [image] = newImages(ctx, 1);
  sendMessage(ctx, {
    content: `好的,这是根据你的描述生成的图片: \n![](${image.url})\n`,
    image: { url: image.url },
  });
}

export async function sendDefaultAnswer(ctx: ChatContext): Promise<void> {
  const { chat } = ctx;
  if (chat.images.length > 0 && isVisionChatModel(chat.model)) {
    ctx.record.notes.push('vision model: the image described in words');
    await sendTextAnswer(ctx, describeImageText(ctx), chat.stream);
    return;
  }
  if (isGeminiModel(chat.model)) {
    // Gemini never streams on GeekAI: stream:true gets a plain JSON answer.
    const forced = chat.imageGeneration || chat.hasSystemMessage;
    if (ctx.geminiStrict && !forced) {
      ctx.record.notes.push('geminiStrict: text-only answer (no image_generation, no system message)');
      await sendTextAnswer(ctx, GEMINI_TEXT_ONLY, false);
      return;
    }
    sendGeminiAnswer(ctx);
    return;
  }
  const count = defaultImageCount(chat.model);
  if (chat.stream) {
    await sendStream(ctx, {
      images: count,
      dataUrl: false,
      deltaImages: false,
      delayMs: ctx.streamDelayMs,
      progress: DEFAULT_PROGRESS,
      status: [],
      crlf: false,
    });
    return;
  }
  // Streaming models asked for JSON: markdown in content only, no message.image.
  sendMessage(ctx, { content: streamedText(chat.prompt, newImages(ctx, count)) });
}

const INTRO = '好的,这是生成的图片:\n';

function markdownFor(images: readonly ServedImage[], via: ImageVia): string {
  return images
    .map((im, i) => {
      if (via === 'dataUrlMarkdown') return `![](${im.dataUrl})\n`;
      if (via === 'markdownTitle') return `![image ${i + 1}](${im.url} "图片 ${i + 1}")\n`;
      return `![image ${i + 1}](${im.url})\n`;
    })
    .join('');
}

export function sendImageBehaviour(ctx: ChatContext, b: Extract<Behaviour, { kind: 'image' }>): void {
  const count = b.via === 'messageImage' ? 1 : Math.max(1, b.count ?? (b.via === 'imagesApi' ? 2 : 1));
  const images = newImages(ctx, count, b.bytes);
  if (b.via === 'imagesApi') {
    const data = images.map((im, i) =>
      i % 2 === 0
        ? { url: im.url, revised_prompt: ctx.chat.prompt }
        : { b64_json: im.bytes.toString('base64'), revised_prompt: ctx.chat.prompt },
    );
    sendJson(ctx.res, 200, { created: Math.floor(Date.now() / 1000), data });
    return;
  }
  let text = INTRO;
  const message: Record<string, unknown> = {};
  if (b.via === 'markdown' || b.via === 'markdownTitle' || b.via === 'dataUrlMarkdown')
    text += markdownFor(images, b.via);
  if (b.via === 'messageImage') message.image = { url: images[0].url };
  if (b.via === 'messagesImages') {
    message.images = images.map((im) => ({ type: 'image_url', image_url: { url: im.dataUrl } }));
  }
  if (b.duplicateLinks) {
    // The same image three ways: message.image, markdown and a download link.
    message.image = { url: images[0].url };
    for (const im of images) {
      if (!text.includes(im.url)) text += `![](${im.url})\n`;
      text += `[下载⏬](${im.downloadUrl})\n`;
    }
  }
  message.content =
    b.via === 'contentParts'
      ? [{ type: 'text', text }, ...images.map((im) => ({ type: 'image_url', image_url: { url: im.url } }))]
      : text;
  sendMessage(ctx, message, b.cutAt);
}
