// Recovery codes page: "Copy codes" puts the new set on the clipboard. The button stays hidden without a script (or
// without the clipboard API); the codes can still be selected, downloaded or printed.
"use strict";

const copyButton = document.getElementById("copy-codes");
const copyStatus = document.getElementById("copy-status");
if (copyButton !== null && copyStatus !== null && navigator.clipboard !== undefined) {
  copyButton.hidden = false;
  copyButton.addEventListener("click", () => {
    const codes = copyButton.getAttribute("data-codes") ?? "";
    navigator.clipboard.writeText(codes).then(
      () => {
        copyStatus.textContent = copyButton.getAttribute("data-copied") ?? "";
      },
      () => {
        copyStatus.textContent = "";
      },
    );
  });
}
