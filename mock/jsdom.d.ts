// The part of jsdom's API the mock's tests use (the package ships no types of its own).
declare module "jsdom" {
  export class JSDOM {
    constructor(
      html: string,
      options?: { url?: string; runScripts?: "outside-only"; pretendToBeVisual?: boolean },
    );
    readonly window: Window & typeof globalThis;
  }
}
