"""Admin model form shared by the petitions and reception admins."""
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class RegisterModelForm(forms.ModelForm):
    """Model clean() errors on fields the form does not show (an inline's few columns, masked identity
    fields, read-only due dates) become form-wide errors instead of a server error."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            remapped = {}
            for field, messages in errors.error_dict.items():
                key = field if field == NON_FIELD_ERRORS or field in self.fields else NON_FIELD_ERRORS
                remapped.setdefault(key, []).extend(messages)
            errors = ValidationError(remapped)
        super()._update_errors(errors)
