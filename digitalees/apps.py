from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitaleesConfig(AppConfig):
    name = "digitalees"
    verbose_name = _("DigitalEES platform")
