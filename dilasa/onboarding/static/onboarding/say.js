// "Read this aloud": the phone's own voice, only if it has one for this language; otherwise the button stays hidden.
(() => {
  const button = document.getElementById("say");
  const text = document.getElementById("say-this");
  if (!button || !text || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) return;
  const lang = button.dataset.lang.toLowerCase();
  const base = lang.split("-")[0];
  const pick = () => {
    const voices = speechSynthesis.getVoices();
    const tag = (v) => v.lang.toLowerCase().replace("_", "-");
    return voices.find((v) => tag(v) === lang) || voices.find((v) => tag(v).split("-")[0] === base) || null;
  };
  const show = () => { button.hidden = !pick(); };
  show();
  speechSynthesis.addEventListener("voiceschanged", show);
  button.addEventListener("click", () => {
    const voice = pick();
    if (!voice) return;
    speechSynthesis.cancel();
    const say = new SpeechSynthesisUtterance(text.innerText);
    say.voice = voice;
    say.lang = voice.lang;
    speechSynthesis.speak(say);
  });
})();
