// The breathing pacer: the circle is a CSS animation (4 s in, 6 s out); this counts the breaths in words.
// It stores nothing, needs no network once the page is open, and with reduced motion only the words change.
(() => {
  const box = document.querySelector(".pacer");
  if (!box) return;
  const ring = box.querySelector(".ring"), cue = box.querySelector(".cue"), button = box.querySelector("button");
  const inS = +box.dataset.in, outS = +box.dataset.out;
  let timer = 0, t = 0;
  const say = () => {
    const inhale = t < inS;
    cue.textContent = (inhale ? box.dataset.sayIn : box.dataset.sayOut) + " " + (inhale ? inS - t : inS + outS - t);
    t = (t + 1) % (inS + outS);
  };
  const start = () => {
    t = 0;
    ring.style.animation = "none";
    void ring.offsetWidth; // restart the circle with the words
    ring.style.animation = "";
    box.classList.remove("paused");
    say();
    timer = setInterval(say, 1000);
    button.textContent = button.dataset.stop;
  };
  const stop = () => {
    clearInterval(timer);
    timer = 0;
    box.classList.add("paused");
    button.textContent = button.dataset.start;
  };
  box.classList.add("paused");
  button.hidden = false;
  button.addEventListener("click", () => (timer ? stop() : start()));
})();
