"""The registration wizard: thin Qt pages over ``domain.registration.RegistrationFlow``."""

from seco_desktop.ui.wizard.registration_wizard import RegistrationWizard

__all__ = ["RegistrationWizard"]
