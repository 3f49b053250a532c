// The codecs' type declarations name the DOM's ImageData; this Node project has no DOM lib,
// so this is the part of it they use (codecs.ts supplies the value at run time).
interface ImageData {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}
