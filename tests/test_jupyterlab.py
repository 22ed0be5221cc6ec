"""La orden principal del README, probada como la usa una persona: JupyterLab en un navegador.

Arranca ``jupyter lab`` como el inicio rápido (en 127.0.0.1, un puerto libre y un token) sobre una
copia de ``notebooks/``, abre cada cuaderno en Chromium sin pantalla y comprueba que se ve su título
(y sus fórmulas), que su núcleo arranca y que una celda con ``import utils`` funciona en él. Guarda una captura por
cuaderno en una carpeta temporal. JupyterLab se detiene pase lo que pase.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--window-size=1400,1000"]

webdriver = pytest.importorskip("selenium.webdriver", reason="falta selenium (pip install selenium)")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="falta Chromium (sudo apt-get install chromium chromium-driver)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab sirviendo una copia de los cuadernos; devuelve (url base, token, carpeta)."""
    folder = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder)
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", "lab", str(folder), "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}"]
    if os.geteuid() == 0:  # JupyterLab no arranca como root sin esto (CI y máquinas de pruebas)
        command.append("--allow-root")
    log = open(folder.parent / "jupyterlab.log", "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{base}/api/status?token={token}")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab no ha arrancado: " + (folder.parent / "jupyterlab.log").read_text())
                time.sleep(0.5)
        yield base, token, folder
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def markdown_text(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def notebook_title(notebook: Path) -> str:
    first = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    return first.splitlines()[0].removeprefix("# ").strip()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_opens_starts_its_kernel_and_imports_utils(notebook, lab, browser, tmp_path_factory):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, token, _ = lab
    wait = WebDriverWait(browser, 60)
    # un espacio de trabajo por cuaderno: en la página solo está ese cuaderno
    browser.get(f"{base}/lab/workspaces/{notebook.stem}/tree/{notebook.name}?token={token}")

    # 1. El cuaderno se ve: su título aparece renderizado.
    title = notebook_title(notebook)
    heading = wait.until(ec.visibility_of_element_located(
        (By.XPATH, f"//div[contains(@class, 'jp-RenderedMarkdown')]//h1[contains(., '{title}')]")))
    assert heading.is_displayed()
    if "$" in markdown_text(notebook):  # las fórmulas LaTeX se dibujan (MathJax)
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".jp-RenderedMarkdown mjx-container")))

    # 2. Su núcleo arranca (sin diálogo de «Select Kernel»: el cuaderno declara el suyo).
    def kernel_idle(_driver) -> bool:
        sessions = get_json(f"{base}/api/sessions?token={token}")
        return any(s["path"].endswith(notebook.name) and s["kernel"]["execution_state"] == "idle"
                   for s in sessions)

    wait.until(kernel_idle)

    # 3. Una celda nueva con «import utils» se ejecuta bien en ese núcleo.
    browser.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell").click()
    ActionChains(browser).send_keys(Keys.ESCAPE).send_keys("a").perform()  # celda nueva encima
    editor = wait.until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".jp-Notebook .jp-Cell.jp-mod-active .cm-content")))
    editor.click()
    ActionChains(browser).send_keys("import utils; print('utils', len(utils.CLASS_NAMES))").perform()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    output = wait.until(ec.visibility_of_element_located(
        (By.XPATH, "//div[contains(@class, 'jp-OutputArea-output') and contains(., 'utils 10')]")))
    assert output.is_displayed()
    assert not browser.find_elements(By.CSS_SELECTOR, ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")

    screenshots = tmp_path_factory.mktemp("capturas")
    browser.save_screenshot(str(screenshots / f"{notebook.stem}.png"))
    assert (screenshots / f"{notebook.stem}.png").stat().st_size > 10_000
