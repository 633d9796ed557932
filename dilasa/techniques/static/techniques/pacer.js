// The breathing pacer: the circle is a CSS animation (4 s in, 6 s out); this counts the breaths in words.
// It stores nothing, needs no network once the page is open, and with reduced motion only the words change.
// Circle and words follow one clock origin, so the room (room.js) can run it from the server's start time:
// window.dilasaPacer.start(origin in this page's epoch ms), .stop(), .phase() (seconds into the breath).
(() => {
  const box = document.querySelector(".pacer");
  if (!box) return;
  const ring = box.querySelector(".ring"), cue = box.querySelector(".cue"), button = box.querySelector("button");
  const inS = +box.dataset.in, cycle = inS + +box.dataset.out;
  let timer = 0, t0 = 0;
  const phase = () => ((((Date.now() - t0) / 1000) % cycle) + cycle) % cycle;
  const say = () => {
    const t = Math.floor(phase()), inhale = t < inS;
    const words = (inhale ? box.dataset.sayIn : box.dataset.sayOut) + " " + (inhale ? inS - t : cycle - t);
    if (cue.textContent !== words) cue.textContent = words; // once a second: the live region speaks changes
  };
  const start = (origin = Date.now()) => {
    clearInterval(timer);
    t0 = origin;
    ring.style.animation = "none";
    void ring.offsetWidth; // restart the circle with the words, at the same point of the breath
    ring.style.animation = "";
    ring.style.animationDelay = -phase() + "s";
    box.classList.remove("paused");
    say();
    timer = setInterval(say, 200);
    if (button) button.textContent = button.dataset.stop;
  };
  const stop = () => {
    clearInterval(timer);
    timer = 0;
    box.classList.add("paused");
    if (button) button.textContent = button.dataset.start;
  };
  box.classList.add("paused");
  window.dilasaPacer = { start, stop, phase };
  if (!button) return; // shared in a room: the room starts and stops it
  button.hidden = false;
  button.addEventListener("click", () => (timer ? stop() : start()));
})();
